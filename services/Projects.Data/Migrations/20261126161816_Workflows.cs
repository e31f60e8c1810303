using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Projects.Data.Migrations
{
    /// <inheritdoc />
    public partial class Workflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "assignee_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "due_date",
                table: "tasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "labels",
                table: "tasks",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "priority",
                table: "tasks",
                type: "smallint",
                nullable: false,
                defaultValue: (short)5);

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_date",
                table: "tasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "state_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "story_points",
                table: "tasks",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "projects",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<DateOnly>>(
                name: "holidays",
                table: "projects",
                type: "date[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_date",
                table: "projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "working_days",
                table: "projects",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{1,2,3,4,5}'");

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    caller_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "text", nullable: true),
                    response_body = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.organization_id, x.caller_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "task_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_comments_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_history_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_watchers",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_watchers", x => new { x.task_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_task_watchers_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workflow_states",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_states", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_states_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Projects made before workflows get the default one; their tasks start in Todo.
            migrationBuilder.Sql("""
                INSERT INTO workflow_states (id, organization_id, project_id, name, category, position)
                SELECT gen_random_uuid(), p.organization_id, p.id, s.name, s.category, s.position
                FROM projects p CROSS JOIN (VALUES
                    ('Backlog', 'Backlog', 0), ('Todo', 'Todo', 1), ('In Progress', 'InProgress', 2),
                    ('In Review', 'InProgress', 3), ('Done', 'Done', 4), ('Cancelled', 'Cancelled', 5)) AS s(name, category, position);
                UPDATE tasks t SET state_id = s.id, updated_at = t.created_at
                FROM workflow_states s WHERE s.project_id = t.project_id AND s.name = 'Todo';
                ALTER TABLE tasks ALTER COLUMN state_id SET NOT NULL;
                ALTER TABLE tasks ALTER COLUMN labels DROP DEFAULT;
                ALTER TABLE projects ALTER COLUMN holidays DROP DEFAULT;
                ALTER TABLE projects ALTER COLUMN working_days DROP DEFAULT;
                """);
            foreach (var table in new[] { "workflow_states", "task_history", "task_comments", "task_watchers", "idempotency_records" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }

            migrationBuilder.CreateIndex(
                name: "ix_tasks_labels",
                table: "tasks",
                column: "labels")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_parent_id",
                table: "tasks",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_project_id_priority_number",
                table: "tasks",
                columns: new[] { "project_id", "priority", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_state_id",
                table: "tasks",
                column: "state_id");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_task_comments_task_id_id",
                table: "task_comments",
                columns: new[] { "task_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_history_task_id_changed_at",
                table: "task_history",
                columns: new[] { "task_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_states_project_id_name",
                table: "workflow_states",
                columns: new[] { "project_id", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_states_state_id",
                table: "tasks",
                column: "state_id",
                principalTable: "workflow_states",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_tasks_parent_id",
                table: "tasks",
                column: "parent_id",
                principalTable: "tasks",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tasks_states_state_id",
                table: "tasks");

            migrationBuilder.DropForeignKey(
                name: "fk_tasks_tasks_parent_id",
                table: "tasks");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "task_comments");

            migrationBuilder.DropTable(
                name: "task_history");

            migrationBuilder.DropTable(
                name: "task_watchers");

            migrationBuilder.DropTable(
                name: "workflow_states");

            migrationBuilder.DropIndex(
                name: "ix_tasks_labels",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_parent_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_project_id_priority_number",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_state_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "assignee_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "due_date",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "labels",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "start_date",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "state_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "story_points",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "holidays",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "start_date",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "working_days",
                table: "projects");
        }
    }
}
