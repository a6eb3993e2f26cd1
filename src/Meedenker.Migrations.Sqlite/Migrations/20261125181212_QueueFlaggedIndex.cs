using Microsoft.EntityFrameworkCore.Migrations;


namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueFlaggedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_QueueFlagged",
                table: "HelpRequests",
                columns: new[] { "ReceivedAt", "Id" },
                filter: "\"Status\" = 'Received' AND (\"SafetyConcern\" OR \"Urgent\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_QueueFlagged",
                table: "HelpRequests");
        }
    }
}
