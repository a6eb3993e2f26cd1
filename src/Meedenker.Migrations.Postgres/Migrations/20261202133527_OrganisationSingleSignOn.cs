using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Meedenker.Migrations.Postgres.Migrations
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
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RoleClaim = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmailClaim = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RoleMappingText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MultiFactorAcrValues = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
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
