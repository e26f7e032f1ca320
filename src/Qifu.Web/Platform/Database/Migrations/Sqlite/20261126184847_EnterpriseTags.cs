using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnterpriseTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Enterprises",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Enterprises");
        }
    }
}
