using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The outbox of ORU^R01 messages owed to the EAI. Written by hand (see docs/decisions/ADR-003). Its key is the one
/// number the database generates: both providers' annotations are given, as the ADR asks when one is needed.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261201140000_OruOutbox")]
public sealed class OruOutbox : Migration
{
    private static readonly string[] StateNextAttemptAtColumns = ["State", "NextAttemptAt"];
    private static readonly string[] PatientIdSequenceColumns = ["PatientId", "Sequence"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "OruOutbox",
            columns: table => new
            {
                Sequence = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                    .Annotation("SqlServer:Identity", "1, 1"),
                ControlId = table.Column<string>(maxLength: 20, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                EstablishmentId = table.Column<Guid>(nullable: false),
                AlertId = table.Column<Guid>(nullable: true),
                ReportId = table.Column<Guid>(nullable: true),
                ReportVersion = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Message = table.Column<string>(nullable: false),
                CharacterSet = table.Column<string>(maxLength: 32, nullable: false),
                State = table.Column<string>(maxLength: 32, nullable: false),
                Attempts = table.Column<int>(nullable: false),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                DeliveredAt = table.Column<DateTime>(nullable: true),
                FailedAt = table.Column<DateTime>(nullable: true),
                AckCode = table.Column<string>(maxLength: 2, nullable: true),
                AckText = table.Column<string>(maxLength: 1000, nullable: true),
                Ack = table.Column<string>(nullable: true),
                LastError = table.Column<string>(maxLength: 2000, nullable: true),
                Requeues = table.Column<int>(nullable: false),
                RequeuedAt = table.Column<DateTime>(nullable: true),
                RequeuedBy = table.Column<string>(maxLength: 200, nullable: true),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OruOutbox", x => x.Sequence);
                table.ForeignKey(
                    name: "FK_OruOutbox_AlertReports_ReportId",
                    column: x => x.ReportId,
                    principalTable: "AlertReports",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_OruOutbox_Alerts_AlertId",
                    column: x => x.AlertId,
                    principalTable: "Alerts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_OruOutbox_Establishments_EstablishmentId",
                    column: x => x.EstablishmentId,
                    principalTable: "Establishments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_OruOutbox_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "IX_OruOutbox_AlertId", table: "OruOutbox", column: "AlertId");
        migrationBuilder.CreateIndex(name: "IX_OruOutbox_ControlId", table: "OruOutbox", column: "ControlId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_OruOutbox_EstablishmentId", table: "OruOutbox", column: "EstablishmentId");
        migrationBuilder.CreateIndex(name: "IX_OruOutbox_PatientId_Sequence", table: "OruOutbox", columns: PatientIdSequenceColumns);
        migrationBuilder.CreateIndex(name: "IX_OruOutbox_ReportId", table: "OruOutbox", column: "ReportId");
        migrationBuilder.CreateIndex(name: "IX_OruOutbox_State_NextAttemptAt", table: "OruOutbox", columns: StateNextAttemptAtColumns);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropTable(name: "OruOutbox");
    }
}
