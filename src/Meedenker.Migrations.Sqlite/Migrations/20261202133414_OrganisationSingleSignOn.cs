using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationSingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IdentityProviders",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RoleClaim = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmailClaim = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RoleMappingText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MultiFactorAcrValues = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityProviders", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_IdentityProviders_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdentityProviders");
        }
    }
}
