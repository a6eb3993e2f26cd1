using System;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopeKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScopeCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Expected = table.Column<double>(type: "double precision", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MonitorFacts",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Week = table.Column<int>(type: "integer", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Detail = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorFacts", x => new { x.Week, x.Kind, x.MunicipalityId, x.Detail, x.Value });
                });

            migrationBuilder.CreateTable(
                name: "MonitorRefreshes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Facts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitorRefreshes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NeighbourhoodReferences",
                columns: table => new
                {
                    NeighbourhoodId = table.Column<Guid>(type: "uuid", nullable: false),
                    Age0To17 = table.Column<int>(type: "integer", nullable: false),
                    Age18To64 = table.Column<int>(type: "integer", nullable: false),
                    Age65To74 = table.Column<int>(type: "integer", nullable: false),
                    Age75Plus = table.Column<int>(type: "integer", nullable: false),
                    LowIncomeShare = table.Column<double>(type: "double precision", nullable: false),
                    LivingAloneShare = table.Column<double>(type: "double precision", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
