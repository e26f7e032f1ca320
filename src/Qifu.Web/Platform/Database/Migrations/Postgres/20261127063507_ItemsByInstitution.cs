using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ItemsByInstitution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceItems_InstitutionId",
                table: "ServiceItems");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_InstitutionId_Status_PublishedAt",
                table: "ServiceItems",
                columns: new[] { "InstitutionId", "Status", "PublishedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceItems_InstitutionId_Status_PublishedAt",
                table: "ServiceItems");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_InstitutionId",
                table: "ServiceItems",
                column: "InstitutionId");
        }
    }
}
