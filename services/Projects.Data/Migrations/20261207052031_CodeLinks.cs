using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class CodeLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "pull_request_merged_state",
                table: "projects",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pull_request_opened_state",
                table: "projects",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    branch = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    checks = table.Column<string>(type: "jsonb", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_links_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_task_links_provider_repository_branch",
                table: "task_links",
                columns: new[] { "provider", "repository", "branch" });

            migrationBuilder.CreateIndex(
                name: "ix_task_links_provider_repository_reference",
                table: "task_links",
                columns: new[] { "provider", "repository", "reference" });

            migrationBuilder.CreateIndex(
                name: "ix_task_links_task_id_kind_provider_repository_reference",
                table: "task_links",
                columns: new[] { "task_id", "kind", "provider", "repository", "reference" },
                unique: true);

            migrationBuilder.EnableTenantIsolation("task_links");

            // Existing projects follow their pull requests as new ones do, where their workflow has the states: every
            // organization's at once, so row-level security is lifted for the owner inside this migration's transaction.
            migrationBuilder.Sql("""
                ALTER TABLE projects NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE workflow_states NO FORCE ROW LEVEL SECURITY;
                UPDATE projects p SET
                    pull_request_opened_state = (SELECT s.name FROM workflow_states s WHERE s.project_id = p.id AND s.name = 'In Review'),
                    pull_request_merged_state = (SELECT s.name FROM workflow_states s WHERE s.project_id = p.id AND s.category = 'Done' ORDER BY s.position LIMIT 1);
                ALTER TABLE projects FORCE ROW LEVEL SECURITY;
                ALTER TABLE workflow_states FORCE ROW LEVEL SECURITY;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_links");

            migrationBuilder.DropColumn(
                name: "pull_request_merged_state",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "pull_request_opened_state",
                table: "projects");
        }
    }
}
