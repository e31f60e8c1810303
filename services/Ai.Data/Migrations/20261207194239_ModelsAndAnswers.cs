using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Ai.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>Organizations' model settings and the answers of the chat model with their ratings, both under row-level security.</summary>
    public partial class ModelsAndAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    model_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    experiment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    arm = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    latency_ms = table.Column<double>(type: "double precision", nullable: false),
                    input_tokens = table.Column<long>(type: "bigint", nullable: true),
                    output_tokens = table.Column<long>(type: "bigint", nullable: true),
                    cost = table.Column<decimal>(type: "numeric(12,6)", precision: 12, scale: 6, nullable: true),
                    cached = table.Column<bool>(type: "boolean", nullable: false),
                    error = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    sources = table.Column<string>(type: "jsonb", nullable: false),
                    asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rating = table.Column<short>(type: "smallint", nullable: true),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_settings",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_only = table.Column<bool>(type: "boolean", nullable: false),
                    chat_endpoint = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    chat_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    chat_key = table.Column<byte[]>(type: "bytea", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_settings", x => x.organization_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_answers_experiment_id_arm",
                table: "answers",
                columns: new[] { "experiment_id", "arm" });

            migrationBuilder.CreateIndex(
                name: "ix_answers_organization_id_asked_at",
                table: "answers",
                columns: new[] { "organization_id", "asked_at" });

            foreach (var table in new[] { "model_settings", "answers" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answers");

            migrationBuilder.DropTable(
                name: "model_settings");
        }
    }
}
