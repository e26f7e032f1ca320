using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArticleListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_Column_IsPinned_PublishAt",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_Kind_IsPinned_PublishAt",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_ColumnList",
                table: "Articles",
                columns: new[] { "Status", "Column", "IsPinned", "PublishAt", "Id", "RegionCode" },
                descending: new[] { false, false, true, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_KindList",
                table: "Articles",
                columns: new[] { "Status", "Kind", "IsPinned", "PublishAt", "Id", "RegionCode" },
                descending: new[] { false, false, true, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_List",
                table: "Articles",
                columns: new[] { "Status", "IsPinned", "PublishAt", "Id", "RegionCode" },
                descending: new[] { false, true, true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_ColumnList",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_KindList",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_List",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_Column_IsPinned_PublishAt",
                table: "Articles",
                columns: new[] { "Status", "Column", "IsPinned", "PublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_Kind_IsPinned_PublishAt",
                table: "Articles",
                columns: new[] { "Status", "Kind", "IsPinned", "PublishAt" });
        }
    }
}
