using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Ai.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "embedding_model",
                table: "search_chunks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<string>(
                name: "embeddings_endpoint",
                table: "model_settings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "embeddings_key",
                table: "model_settings",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embeddings_model",
                table: "model_settings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "embeddings_endpoint",
                table: "model_settings");

            migrationBuilder.DropColumn(
                name: "embeddings_key",
                table: "model_settings");

            migrationBuilder.DropColumn(
                name: "embeddings_model",
                table: "model_settings");

            migrationBuilder.AlterColumn<string>(
                name: "embedding_model",
                table: "search_chunks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
