using System;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HelpRequestsReferralsAndCaseWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Residents",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityNeeds",
                table: "HelpRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContactPreferences",
                table: "HelpRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ContactTimeNote",
                table: "HelpRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContactTimes",
                table: "HelpRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "HelpRequests",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeclinedAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EasyLanguage",
                table: "HelpRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstContactAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HelpAgainRequestedAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LanguageCode",
                table: "HelpRequests",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MatchedAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MatchedOrganizationId",
                table: "HelpRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MatchedSupporterId",
                table: "HelpRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsInterpreter",
                table: "HelpRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PossibleDuplicate",
                table: "HelpRequests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "PossibleDuplicateOfId",
                table: "HelpRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "HelpRequests",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RelativeName",
                table: "HelpRequests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusTokenHash",
                table: "HelpRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "HelpRequests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecordedById",
                table: "Contacts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfferDeclineReason",
                table: "Cases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfferDeclinedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfferedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Cases",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequestLifeDomains",
                columns: table => new
                {
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequestLifeDomains", x => new { x.HelpRequestId, x.Code });
                    table.ForeignKey(
                        name: "FK_HelpRequestLifeDomains_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequestStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequestStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpRequestStatusChanges_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntakeAssignments",
                columns: table => new
                {
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntakeAssignments", x => new { x.HelpRequestId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_IntakeAssignments_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IntakeAssignments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntakeRoutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntakeRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntakeRoutes_Municipalities_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Municipalities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IntakeRoutes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HelpRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferrerOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferrerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferrerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerOrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReferrerEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ReferrerPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ReferrerKindCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ReferrerTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConsentGivenBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConsentMethod = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConsentGivenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotifyReferrer = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Referrals_Organizations_ReferrerOrganizationId",
                        column: x => x.ReferrerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelfRelianceScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    LifeDomainCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Moment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedById = table.Column<Guid>(type: "uuid", nullable: true)
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
                name: "IX_Residents_Email",
                table: "Residents",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Residents_Phone",
                table: "Residents",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Status_ReceivedAt",
                table: "HelpRequests",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_StatusTokenHash",
                table: "HelpRequests",
                column: "StatusTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_KeyHash",
                table: "ApiKeys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganizationId",
                table: "ApiKeys",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequestStatusChanges_HelpRequestId_At",
                table: "HelpRequestStatusChanges",
                columns: new[] { "HelpRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IntakeAssignments_OrganizationId",
                table: "IntakeAssignments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_IntakeRoutes_MunicipalityId_OrganizationId",
                table: "IntakeRoutes",
                columns: new[] { "MunicipalityId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntakeRoutes_OrganizationId",
                table: "IntakeRoutes",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HelpRequestId",
                table: "Referrals",
                column: "HelpRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerOrganizationId_CreatedAt",
                table: "Referrals",
                columns: new[] { "ReferrerOrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerTokenHash",
                table: "Referrals",
                column: "ReferrerTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfRelianceScores_CaseId_At",
                table: "SelfRelianceScores",
                columns: new[] { "CaseId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "HelpRequestLifeDomains");

            migrationBuilder.DropTable(
                name: "HelpRequestStatusChanges");

            migrationBuilder.DropTable(
                name: "IntakeAssignments");

            migrationBuilder.DropTable(
                name: "IntakeRoutes");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "SelfRelianceScores");

            migrationBuilder.DropIndex(
                name: "IX_Residents_Email",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_Residents_Phone",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Status_ReceivedAt",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_StatusTokenHash",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "AccessibilityNeeds",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "ContactPreferences",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "ContactTimeNote",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "ContactTimes",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "EasyLanguage",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "FirstContactAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "HelpAgainRequestedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "LanguageCode",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "MatchedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "MatchedOrganizationId",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "MatchedSupporterId",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "NeedsInterpreter",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "PossibleDuplicate",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "PossibleDuplicateOfId",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "Postcode",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "RelativeName",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "StatusTokenHash",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "HelpRequests");

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
