using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorChanges_At",
                table: "IndicatorChanges",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorChanges");
        }
    }
}
