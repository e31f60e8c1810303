using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Ai.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWeightsAndToolCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "fusion_vector_weight",
                table: "answers",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "tool_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tool = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    arguments = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    scopes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    duration_ms = table.Column<double>(type: "double precision", nullable: false),
                    result_bytes = table.Column<int>(type: "integer", nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tool_calls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tool_calls_organization_id_called_at",
                table: "tool_calls",
                columns: new[] { "organization_id", "called_at" });

            migrationBuilder.EnableTenantIsolation("tool_calls");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tool_calls");

            migrationBuilder.DropColumn(
                name: "fusion_vector_weight",
                table: "answers");
        }
    }
}
