using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The access log is append-only: the database itself refuses changes and deletions.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AccessLog_NoUpdate" BEFORE UPDATE ON "AccessLog"
                BEGIN SELECT RAISE(ABORT, 'The access log is append-only: rows cannot be changed.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AccessLog_NoDelete" BEFORE DELETE ON "AccessLog"
                BEGIN SELECT RAISE(ABORT, 'The access log is append-only: rows cannot be deleted.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AccessLog_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AccessLog_NoDelete\";");
        }
    }
}
