using Microsoft.EntityFrameworkCore.Migrations;


namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueAndCaseIndexes : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
