using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Postgres
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
                type: "character varying(200)",
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
