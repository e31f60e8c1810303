using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Analytics.Data.Migrations
{
    /// <inheritdoc />
    public partial class CountForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_flow_tasks_project_id",
                table: "flow_tasks");

            migrationBuilder.CreateTable(
                name: "count_forecasts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    made_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    inputs = table.Column<string>(type: "jsonb", nullable: false),
                    label = table.Column<string>(type: "text", nullable: true),
                    assignee = table.Column<Guid>(type: "uuid", nullable: true),
                    parent = table.Column<string>(type: "text", nullable: true),
                    by = table.Column<DateOnly>(type: "date", nullable: false),
                    p50 = table.Column<int>(type: "integer", nullable: false),
                    p85 = table.Column<int>(type: "integer", nullable: false),
                    p95 = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_count_forecasts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_flow_tasks_project_id_created_at",
                table: "flow_tasks",
                columns: new[] { "project_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_count_forecasts_project_id_made_at",
                table: "count_forecasts",
                columns: new[] { "project_id", "made_at" });

            migrationBuilder.EnableTenantIsolation("count_forecasts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "count_forecasts");

            migrationBuilder.DropIndex(
                name: "ix_flow_tasks_project_id_created_at",
                table: "flow_tasks");

            migrationBuilder.CreateIndex(
                name: "ix_flow_tasks_project_id",
                table: "flow_tasks",
                column: "project_id");
        }
    }
}
