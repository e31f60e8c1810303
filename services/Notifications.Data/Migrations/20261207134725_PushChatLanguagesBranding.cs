using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Data;

#nullable disable

namespace Platform.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class PushChatLanguagesBranding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_schedule_due_at",
                table: "delivery_schedule");

            migrationBuilder.AddColumn<List<string>>(
                name: "chat_off",
                table: "preferences",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "preferences",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<List<string>>(
                name: "push_off",
                table: "preferences",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "notifications",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "delivery_schedule",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "email");

            migrationBuilder.CreateTable(
                name: "brandings",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    accent_color = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    logo_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_brandings", x => x.organization_id);
                });

            migrationBuilder.CreateTable(
                name: "connected_chats",
                columns: table => new
                {
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chat_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connected_chats", x => new { x.organization_id, x.chat_id });
                });

            migrationBuilder.CreateTable(
                name: "push_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    endpoint = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    public_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    auth_secret = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_pushed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_push_devices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_schedule_channel_due_at",
                table: "delivery_schedule",
                columns: new[] { "channel", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connected_chats_user_id",
                table: "connected_chats",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_push_devices_organization_id_endpoint",
                table: "push_devices",
                columns: new[] { "organization_id", "endpoint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_push_devices_user_id",
                table: "push_devices",
                column: "user_id");

            // A person's browsers and chats and the organization's branding are its data; the schedule's channel is not.
            foreach (var table in new[] { "push_devices", "connected_chats", "brandings" })
            {
                migrationBuilder.EnableTenantIsolation(table);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "brandings");

            migrationBuilder.DropTable(
                name: "connected_chats");

            migrationBuilder.DropTable(
                name: "push_devices");

            migrationBuilder.DropIndex(
                name: "ix_delivery_schedule_channel_due_at",
                table: "delivery_schedule");

            migrationBuilder.DropColumn(
                name: "chat_off",
                table: "preferences");

            migrationBuilder.DropColumn(
                name: "language",
                table: "preferences");

            migrationBuilder.DropColumn(
                name: "push_off",
                table: "preferences");

            migrationBuilder.DropColumn(
                name: "language",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "delivery_schedule");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_schedule_due_at",
                table: "delivery_schedule",
                column: "due_at");
        }
    }
}
