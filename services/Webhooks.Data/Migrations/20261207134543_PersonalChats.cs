using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Webhooks.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalChats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "recipient",
                table: "webhook_endpoints",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_endpoints_recipient",
                table: "webhook_endpoints",
                column: "recipient",
                filter: "recipient IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_endpoints_recipient",
                table: "webhook_endpoints");

            migrationBuilder.DropColumn(
                name: "recipient",
                table: "webhook_endpoints");
        }
    }
}
