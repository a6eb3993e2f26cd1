using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Meedenker.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Requests already waiting when this migration runs (written by hand: keep when regenerating).
            migrationBuilder.Sql("UPDATE \"IntakeAssignments\" SET \"Waiting\" = TRUE WHERE \"HelpRequestId\" IN (SELECT \"Id\" FROM \"HelpRequests\" WHERE \"Status\" = 'Received');");

            migrationBuilder.CreateTable(
                name: "SearchWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchWords", x => x.Word);
                });

            migrationBuilder.CreateTable(
                name: "ServiceWords",
                columns: table => new
                {
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                SELECT DISTINCT s."Id", left(w, 200) FROM "Services" s, regexp_split_to_table(s."SearchText", ' ') w WHERE w <> '';
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

            // The vocabulary is searched by infix (LIKE '%word%'): a trigram index serves it. The trigram index on the
            // whole search text is no longer read.
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchWords_Word_trgm" ON "SearchWords" USING gin ("Word" gin_trgm_ops);""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Services_SearchText_trgm";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Services_SearchText_trgm" ON "Services" USING gin ("SearchText" gin_trgm_ops);""");
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
