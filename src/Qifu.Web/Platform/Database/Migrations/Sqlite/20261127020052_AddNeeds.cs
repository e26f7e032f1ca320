using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubCategory = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstProposalAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DockedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PickedProposalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowedUpAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NeedDispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DispatchedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DispatchedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedDispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedDispatches_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NeedProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemTitle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    DaysNeeded = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedProposals_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_InstitutionId",
                table: "NeedDispatches",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedDispatches_NeedId_InstitutionId",
                table: "NeedDispatches",
                columns: new[] { "NeedId", "InstitutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NeedProposals_InstitutionId",
                table: "NeedProposals",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedProposals_NeedId_InstitutionId",
                table: "NeedProposals",
                columns: new[] { "NeedId", "InstitutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Needs_EnterpriseId_CreatedAt",
                table: "Needs",
                columns: new[] { "EnterpriseId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode_Status",
                table: "Needs",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_CategoryCode",
                table: "Needs",
                columns: new[] { "Status", "CategoryCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NeedDispatches");

            migrationBuilder.DropTable(
                name: "NeedProposals");

            migrationBuilder.DropTable(
                name: "Needs");
        }
    }
}
