using System;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RecordedById",
                table: "Contacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfferDeclineReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OfferDeclinedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OfferedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "SelfRelianceScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LifeDomainCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Moment = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfRelianceScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfRelianceScores_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SelfRelianceScores_CaseId_At",
                table: "SelfRelianceScores",
                columns: new[] { "CaseId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SelfRelianceScores");

            migrationBuilder.DropColumn(
                name: "RecordedById",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "OfferDeclineReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OfferDeclinedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "OfferedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cases");
        }
    }
}
