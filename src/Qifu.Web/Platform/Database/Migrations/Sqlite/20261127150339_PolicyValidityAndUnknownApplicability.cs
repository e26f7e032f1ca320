using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qifu.Web.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicyValidityAndUnknownApplicability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ApplicabilityUnknown",
                table: "PolicyDetails",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RepealedOn",
                table: "PolicyDetails",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApplicabilityUnknown",
                table: "PolicyDetails");

            migrationBuilder.DropColumn(
                name: "RepealedOn",
                table: "PolicyDetails");
        }
    }
}
