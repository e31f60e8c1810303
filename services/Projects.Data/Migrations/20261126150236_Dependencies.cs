using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class Dependencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "most_likely_days",
                table: "tasks",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "optimistic_days",
                table: "tasks",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "pessimistic_days",
                table: "tasks",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_dependencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    predecessor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    successor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lag_days = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_dependencies", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_predecessor_id",
                        column: x => x.predecessor_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_successor_id",
                        column: x => x.successor_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_predecessor_id_successor_id",
                table: "task_dependencies",
                columns: new[] { "predecessor_id", "successor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_dependencies_successor_id",
                table: "task_dependencies",
                column: "successor_id");

            migrationBuilder.EnableTenantIsolation("task_dependencies");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_dependencies");

            migrationBuilder.DropColumn(
                name: "most_likely_days",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "optimistic_days",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "pessimistic_days",
                table: "tasks");
        }
    }
}
