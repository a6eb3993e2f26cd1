using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meedenker.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OneOpenOfferPerRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_OneOpenOffer",
                table: "Cases",
                column: "HelpRequestId",
                unique: true,
                filter: "\"Status\" = 'Offered'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OneOpenOffer",
                table: "Cases");
        }
    }
}
