using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueAndSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Waiting",
                table: "IntakeAssignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Requests already waiting when this migration runs (written by hand: keep when regenerating).
            migrationBuilder.Sql("UPDATE \"IntakeAssignments\" SET \"Waiting\" = TRUE WHERE \"HelpRequestId\" IN (SELECT \"Id\" FROM \"HelpRequests\" WHERE \"Status\" = 'Received');");

            migrationBuilder.CreateTable(
                name: "SearchWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchWords", x => x.Word);
                });

            migrationBuilder.CreateTable(
                name: "ServiceWords",
                columns: table => new
                {
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Word = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceWords", x => new { x.ServiceId, x.Word });
                    table.ForeignKey(
                        name: "FK_ServiceWords_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Fill the word index from the search text of the existing services (docs/decisions/0050-search-word-index.md).
            migrationBuilder.Sql("""
                INSERT INTO "ServiceWords" ("ServiceId", "Word")
                WITH RECURSIVE split(id, word, rest) AS (
                    SELECT "Id", '', "SearchText" || ' ' FROM "Services"
                    UNION ALL
                    SELECT id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM split WHERE rest <> ''
                )
                SELECT DISTINCT id, substr(word, 1, 200) FROM split WHERE word <> '';
                INSERT INTO "SearchWords" ("Word") SELECT DISTINCT "Word" FROM "ServiceWords";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Services_Name_Id",
                table: "Services",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_IntakeAssignments_Waiting",
                table: "IntakeAssignments",
                column: "OrganizationId",
                filter: "\"Waiting\"");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Queue",
                table: "HelpRequests",
                columns: new[] { "ReceivedAt", "Id", "SafetyConcern", "Urgent" },
                filter: "\"Status\" = 'Received'");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceWords_Word_ServiceId",
                table: "ServiceWords",
                columns: new[] { "Word", "ServiceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchWords");

            migrationBuilder.DropTable(
                name: "ServiceWords");

            migrationBuilder.DropIndex(
                name: "IX_Services_Name_Id",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_IntakeAssignments_Waiting",
                table: "IntakeAssignments");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Queue",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "Waiting",
                table: "IntakeAssignments");
        }
    }
}
