using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Qifu.Web.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dictionaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DictionaryItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsEnabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DictionaryItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.InsertData(
                table: "DictionaryItems",
                columns: new[] { "Id", "Code", "IsEnabled", "Kind", "Name", "SortOrder" },
                values: new object[,]
                {
                    { 1, "zjtx", true, "enterprise-tag", "专精特新中小企业", 1 },
                    { 2, "cxx", true, "enterprise-tag", "创新型中小企业", 2 },
                    { 3, "gxjs", true, "enterprise-tag", "高新技术企业", 3 },
                    { 4, "kjxzx", true, "enterprise-tag", "科技型中小企业", 4 },
                    { 5, "gs", true, "enterprise-tag", "规模以上工业企业", 5 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_DictionaryItems_Kind_Code",
                table: "DictionaryItems",
                columns: new[] { "Kind", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DictionaryItems");

            migrationBuilder.DropTable(
                name: "Settings");
        }
    }
}
