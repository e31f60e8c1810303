using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ai.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentRouteBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "route_by",
                table: "experiments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "user");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "route_by",
                table: "experiments");
        }
    }
}
