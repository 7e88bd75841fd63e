using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The reports of resolved alerts ("comptes rendus"), one row per version. Written by hand and provider-neutral
/// (see docs/decisions/ADR-003); MigratedSchemaTests proves the result equals the model on both providers.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261125090000_AlertReports")]
public sealed class AlertReports : Migration
{
    private static readonly string[] AlertReportsAlertIdVersionNumberColumns = ["AlertId", "VersionNumber"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "AlertReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AlertId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                EstablishmentId = table.Column<Guid>(nullable: false),
                VersionNumber = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: false),
                CreatedByName = table.Column<string>(maxLength: 200, nullable: false),
                CreatedByRole = table.Column<string>(maxLength: 32, nullable: false),
                CorrectionNote = table.Column<string>(maxLength: 4000, nullable: true),
                Content = table.Column<string>(nullable: false),
                Text = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertReports", x => x.Id);
                table.ForeignKey(
                    name: "FK_AlertReports_Alerts_AlertId",
                    column: x => x.AlertId,
                    principalTable: "Alerts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_AlertReports_Establishments_EstablishmentId",
                    column: x => x.EstablishmentId,
                    principalTable: "Establishments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_AlertReports_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_AlertReports_StaffMembers_CreatedById",
                    column: x => x.CreatedById,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AlertReports_AlertId_VersionNumber",
            table: "AlertReports",
            columns: AlertReportsAlertIdVersionNumberColumns,
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_AlertReports_CreatedById",
            table: "AlertReports",
            column: "CreatedById");

        migrationBuilder.CreateIndex(
            name: "IX_AlertReports_EstablishmentId",
            table: "AlertReports",
            column: "EstablishmentId");

        migrationBuilder.CreateIndex(
            name: "IX_AlertReports_PatientId",
            table: "AlertReports",
            column: "PatientId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropTable(name: "AlertReports");
    }
}
