using Microsoft.EntityFrameworkCore.Migrations;
using Platform.EventBus.Outbox;

#nullable disable

namespace Platform.Collaboration.Data.Migrations
{
    /// <summary>The outbox under row-level security; only the relay's own login reads every organization's events.</summary>
    public partial class OutboxIsolation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnableOutboxIsolation();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableOutboxIsolation();
        }
    }
}
