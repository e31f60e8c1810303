using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Ai.Data.Migrations
{
    /// <summary>A/B experiments of chat models and instructions (row-level security), and the model and instructions an organization promoted.</summary>
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "chat_model_name",
                table: "model_settings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "instructions",
                table: "model_settings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    control_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    control_instructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    variant_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    variant_instructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    variant_share = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_experiments_organization_id",
                table: "experiments",
                column: "organization_id",
                unique: true,
                filter: "outcome IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_experiments_organization_id_started_at",
                table: "experiments",
                columns: new[] { "organization_id", "started_at" });

            migrationBuilder.EnableTenantIsolation("experiments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiments");

            migrationBuilder.DropColumn(
                name: "chat_model_name",
                table: "model_settings");

            migrationBuilder.DropColumn(
                name: "instructions",
                table: "model_settings");
        }
    }
}
