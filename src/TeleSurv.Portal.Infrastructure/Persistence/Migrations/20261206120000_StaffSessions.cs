using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// A row per sign-in of a member of staff, which every request and every open page checks. Written by hand and
/// provider-neutral (see docs/decisions/ADR-003).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261206120000_StaffSessions")]
public sealed class StaffSessions : Migration
{
    private static readonly string[] StaffMemberIdEndedAtColumns = ["StaffMemberId", "EndedAt"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "StaffSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                StaffMemberId = table.Column<Guid>(nullable: false),
                Method = table.Column<string>(maxLength: 32, nullable: false),
                ClientAddress = table.Column<string>(maxLength: 64, nullable: true),
                StartedAt = table.Column<DateTime>(nullable: false),
                LastSeenAt = table.Column<DateTime>(nullable: false),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(maxLength: 32, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StaffSessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_StaffSessions_StaffMembers_StaffMemberId",
                    column: x => x.StaffMemberId,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_StaffSessions_StaffMemberId_EndedAt", table: "StaffSessions", columns: StaffMemberIdEndedAtColumns);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "StaffSessions");
    }
}
