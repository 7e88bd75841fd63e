using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// Inbound ADT: the message journal (raw message, stored acknowledgement, error queue) and the patients' movements
/// (IHE PAM France ZBE). Written by hand and provider-neutral (see docs/decisions/ADR-003); MigratedSchemaTests
/// proves the result equals the model on both providers.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201130000_AdtIngestion")]
public sealed class AdtIngestion : Migration
{
    private static readonly string[] AdtMessagesKeyColumns = ["SendingApplication", "SendingFacility", "ControlId"];
    private static readonly string[] AdtMessagesIppReceivedAtColumns = ["Ipp", "ReceivedAt"];
    private static readonly string[] AdtMessagesStatusReceivedAtColumns = ["Status", "ReceivedAt"];
    private static readonly string[] AdtMovementsKeyColumns = ["MovementAuthority", "MovementId"];
    private static readonly string[] AdtMovementsPatientIdAtColumns = ["PatientId", "At"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "AdtMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SendingApplication = table.Column<string>(maxLength: 100, nullable: false),
                SendingFacility = table.Column<string>(maxLength: 100, nullable: false),
                ControlId = table.Column<string>(maxLength: 64, nullable: true),
                MessageType = table.Column<string>(maxLength: 16, nullable: false),
                TriggerEvent = table.Column<string>(maxLength: 16, nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ProcessedAt = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                AckCode = table.Column<string>(maxLength: 2, nullable: false),
                Ack = table.Column<string>(nullable: false),
                Raw = table.Column<string>(nullable: false),
                Ipp = table.Column<string>(maxLength: 64, nullable: true),
                PatientId = table.Column<Guid>(nullable: true),
                EstablishmentId = table.Column<Guid>(nullable: true),
                Summary = table.Column<string>(maxLength: 1000, nullable: true),
                Error = table.Column<string>(maxLength: 2000, nullable: true),
                ErrorCode = table.Column<int>(nullable: true),
                HandledBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AdtMessages", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AdtMovements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                MovementId = table.Column<string>(maxLength: 64, nullable: false),
                MovementAuthority = table.Column<string>(maxLength: 64, nullable: false),
                Trigger = table.Column<string>(maxLength: 8, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Historic = table.Column<bool>(nullable: false),
                Nature = table.Column<string>(maxLength: 8, nullable: true),
                PatientClass = table.Column<string>(maxLength: 32, nullable: false),
                VisitNumber = table.Column<string>(maxLength: 64, nullable: true),
                LodgingUnit = table.Column<string>(maxLength: 64, nullable: true),
                MedicalUnitCode = table.Column<string>(maxLength: 64, nullable: true),
                MedicalUnitName = table.Column<string>(maxLength: 100, nullable: true),
                CareUnitCode = table.Column<string>(maxLength: 64, nullable: true),
                CareUnitName = table.Column<string>(maxLength: 100, nullable: true),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                CancelledBy = table.Column<string>(maxLength: 8, nullable: true),
                RecordedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Revisions = table.Column<int>(nullable: false),
                LastMessageId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AdtMovements", x => x.Id);
                table.ForeignKey(
                    name: "FK_AdtMovements_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AdtMessages_SendingApplication_SendingFacility_ControlId",
            table: "AdtMessages",
            columns: AdtMessagesKeyColumns,
            unique: true,
            // SQL Server counts NULLs as equal in a unique index; EF's model filters them out there, as here.
            filter: migrationBuilder.IsSqlServer() ? "[ControlId] IS NOT NULL" : null);

        migrationBuilder.CreateIndex(name: "IX_AdtMessages_ReceivedAt", table: "AdtMessages", column: "ReceivedAt");
        migrationBuilder.CreateIndex(name: "IX_AdtMessages_Ipp_ReceivedAt", table: "AdtMessages", columns: AdtMessagesIppReceivedAtColumns);
        migrationBuilder.CreateIndex(name: "IX_AdtMessages_Status_ReceivedAt", table: "AdtMessages", columns: AdtMessagesStatusReceivedAtColumns);
        migrationBuilder.CreateIndex(name: "IX_AdtMessages_PatientId", table: "AdtMessages", column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_AdtMovements_MovementAuthority_MovementId",
            table: "AdtMovements",
            columns: AdtMovementsKeyColumns,
            unique: true);

        migrationBuilder.CreateIndex(name: "IX_AdtMovements_PatientId_At", table: "AdtMovements", columns: AdtMovementsPatientIdAtColumns);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropTable(name: "AdtMovements");
        migrationBuilder.DropTable(name: "AdtMessages");
    }
}
