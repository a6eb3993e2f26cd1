using Microsoft.EntityFrameworkCore.Migrations;

namespace Meedenker.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The access log is append-only: the database itself refuses changes, deletions and truncation.
            migrationBuilder.Sql("""
                CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The access log is append-only: % is not allowed.', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON "AccessLog"
                FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON "AccessLog"
                FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_log_no_truncate ON \"AccessLog\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS access_log_no_change ON \"AccessLog\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS access_log_append_only();");
        }
    }
}
