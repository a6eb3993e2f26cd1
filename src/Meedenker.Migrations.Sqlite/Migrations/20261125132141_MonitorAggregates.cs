using System;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MonitorAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonitorAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ScopeCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Expected = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MonitorFacts",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Week = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorFacts", x => new { x.Week, x.Kind, x.MunicipalityId, x.Detail, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "MonitorRefreshes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    RefreshedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorRefreshes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NeighbourhoodReferences",
                columns: table => new
                {
                    NeighbourhoodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Age0To17 = table.Column<int>(type: "INTEGER", nullable: false),
                    Age18To64 = table.Column<int>(type: "INTEGER", nullable: false),
                    Age65To74 = table.Column<int>(type: "INTEGER", nullable: false),
                    Age75Plus = table.Column<int>(type: "INTEGER", nullable: false),
                    LowIncomeShare = table.Column<double>(type: "REAL", nullable: false),
                    LivingAloneShare = table.Column<double>(type: "REAL", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeighbourhoodReferences", x => x.NeighbourhoodId);
                    table.ForeignKey(
                        name: "FK_NeighbourhoodReferences_Neighbourhoods_NeighbourhoodId",
                        column: x => x.NeighbourhoodId,
                        principalTable: "Neighbourhoods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonitorAlerts_ScopeKind_ScopeCode_WeekStart",
                table: "MonitorAlerts",
                columns: new[] { "ScopeKind", "ScopeCode", "WeekStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonitorAlerts");

            migrationBuilder.DropTable(
                name: "MonitorFacts");

            migrationBuilder.DropTable(
                name: "MonitorRefreshes");

            migrationBuilder.DropTable(
                name: "NeighbourhoodReferences");
        }
    }
}
