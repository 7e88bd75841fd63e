using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace TeleSurv.Portal.Infrastructure.Persistence.Migrations;

/// <summary>
/// The first schema of the portal. Written by hand (see docs/decisions/ADR-003) and provider-neutral: no column
/// names a store type, so SQLite and PostgreSQL each map the CLR type the way the model does; lengths and
/// precisions are the model's. MigratedSchemaTests proves the result equals the model on both providers.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122060000_Initial")]
public sealed class Initial : Migration
{
    private static readonly string[] AlertsEstablishmentIdStatusPrioritySlaDueAtColumns = ["EstablishmentId", "Status", "Priority", "SlaDueAt"];
    private static readonly string[] AlertsPatientIdRaisedAtColumns = ["PatientId", "RaisedAt"];
    private static readonly string[] AuditEntriesPatientIdAtColumns = ["PatientId", "At"];
    private static readonly string[] EnrollmentsEstablishmentIdStatusColumns = ["EstablishmentId", "Status"];
    private static readonly string[] ExpectedLevelsEnrollmentIdItemKeyColumns = ["EnrollmentId", "ItemKey"];
    private static readonly string[] ItemAnswersQuestionnaireResponseIdItemKeyColumns = ["QuestionnaireResponseId", "ItemKey"];
    private static readonly string[] PatientsIppAuthorityIppColumns = ["IppAuthority", "Ipp"];
    private static readonly string[] QuestionnaireResponsesEnrollmentIdWeekDueDateColumns = ["EnrollmentId", "WeekDueDate"];
    private static readonly string[] QuestionnairesCodeVersionColumns = ["Code", "Version"];
    private static readonly string[] TriageActionsAlertIdAtColumns = ["AlertId", "At"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Sequence = table.Column<long>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                StaffMemberId = table.Column<Guid>(nullable: true),
                Actor = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<string>(maxLength: 32, nullable: true),
                EstablishmentId = table.Column<Guid>(nullable: true),
                Action = table.Column<string>(maxLength: 100, nullable: false),
                TargetType = table.Column<string>(maxLength: 100, nullable: true),
                TargetId = table.Column<string>(maxLength: 100, nullable: true),
                PatientId = table.Column<Guid>(nullable: true),
                Outcome = table.Column<string>(maxLength: 32, nullable: false),
                Detail = table.Column<string>(nullable: true),
                PreviousHash = table.Column<string>(maxLength: 128, nullable: true),
                Hash = table.Column<string>(maxLength: 128, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Establishments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Finess = table.Column<string>(maxLength: 9, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Code = table.Column<string>(maxLength: 32, nullable: false),
                GhtName = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Establishments", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Patients",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Ipp = table.Column<string>(maxLength: 64, nullable: false),
                IppAuthority = table.Column<string>(maxLength: 64, nullable: false),
                Ins = table.Column<string>(maxLength: 15, nullable: true),
                InsOid = table.Column<string>(maxLength: 64, nullable: true),
                IdentityStatus = table.Column<string>(maxLength: 32, nullable: false),
                BirthFamilyName = table.Column<string>(maxLength: 100, nullable: false),
                UsedFamilyName = table.Column<string>(maxLength: 100, nullable: true),
                FirstNames = table.Column<string>(maxLength: 200, nullable: false),
                UsedFirstName = table.Column<string>(maxLength: 100, nullable: true),
                BirthDate = table.Column<DateOnly>(nullable: false),
                Sex = table.Column<string>(maxLength: 32, nullable: false),
                BirthplaceCode = table.Column<string>(maxLength: 5, nullable: true),
                Phone = table.Column<string>(maxLength: 32, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                AddressLine = table.Column<string>(maxLength: 300, nullable: true),
                PostalCode = table.Column<string>(maxLength: 10, nullable: true),
                City = table.Column<string>(maxLength: 100, nullable: true),
                Source = table.Column<string>(maxLength: 32, nullable: false),
                MergedIntoPatientId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Patients", x => x.Id);
                table.ForeignKey(
                    name: "FK_Patients_Patients_MergedIntoPatientId",
                    column: x => x.MergedIntoPatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Questionnaires",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 64, nullable: false),
                Version = table.Column<int>(nullable: false),
                Definition = table.Column<string>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Questionnaires", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "StaffMembers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Login = table.Column<string>(maxLength: 256, nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<string>(maxLength: 32, nullable: false),
                Rpps = table.Column<string>(maxLength: 11, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Team = table.Column<string>(maxLength: 64, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StaffMembers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Enrollments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                EstablishmentId = table.Column<Guid>(nullable: false),
                ReferringOncologistId = table.Column<Guid>(nullable: true),
                NurseTeam = table.Column<string>(maxLength: 64, nullable: true),
                Treatment = table.Column<string>(maxLength: 32, nullable: false),
                CytotoxicChemotherapy = table.Column<bool>(nullable: false),
                WithRadiotherapy = table.Column<bool>(nullable: false),
                Regimen = table.Column<string>(maxLength: 200, nullable: true),
                StartDate = table.Column<DateOnly>(nullable: false),
                PrescriptionEnd = table.Column<DateOnly>(nullable: false),
                CadenceWeeks = table.Column<int>(nullable: false),
                QuestionnaireDay = table.Column<string>(maxLength: 32, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                StatusReason = table.Column<string>(maxLength: 500, nullable: true),
                ConsentDecision = table.Column<string>(maxLength: 32, nullable: false),
                ConsentDate = table.Column<DateOnly>(nullable: false),
                ConsentMethod = table.Column<string>(maxLength: 32, nullable: false),
                ConsentRecordedById = table.Column<Guid>(nullable: true),
                ConsentInformation = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Enrollments", x => x.Id);
                table.ForeignKey(
                    name: "FK_Enrollments_Establishments_EstablishmentId",
                    column: x => x.EstablishmentId,
                    principalTable: "Establishments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Enrollments_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Enrollments_StaffMembers_ConsentRecordedById",
                    column: x => x.ConsentRecordedById,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Enrollments_StaffMembers_ReferringOncologistId",
                    column: x => x.ReferringOncologistId,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "StaffEstablishments",
            columns: table => new
            {
                StaffMemberId = table.Column<Guid>(nullable: false),
                EstablishmentId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StaffEstablishments", x => new { x.StaffMemberId, x.EstablishmentId });
                table.ForeignKey(
                    name: "FK_StaffEstablishments_Establishments_EstablishmentId",
                    column: x => x.EstablishmentId,
                    principalTable: "Establishments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_StaffEstablishments_StaffMembers_StaffMemberId",
                    column: x => x.StaffMemberId,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ExpectedLevels",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: false),
                ItemKey = table.Column<string>(maxLength: 64, nullable: false),
                MaxGrade = table.Column<int>(nullable: false),
                From = table.Column<DateTime>(nullable: false),
                Until = table.Column<DateTime>(nullable: false),
                SetById = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                CancelledAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExpectedLevels", x => x.Id);
                table.ForeignKey(
                    name: "FK_ExpectedLevels_Enrollments_EnrollmentId",
                    column: x => x.EnrollmentId,
                    principalTable: "Enrollments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_ExpectedLevels_StaffMembers_SetById",
                    column: x => x.SetById,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PatientAccessLinks",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
                IssuedById = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PatientAccessLinks", x => x.Id);
                table.ForeignKey(
                    name: "FK_PatientAccessLinks_Enrollments_EnrollmentId",
                    column: x => x.EnrollmentId,
                    principalTable: "Enrollments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_PatientAccessLinks_StaffMembers_IssuedById",
                    column: x => x.IssuedById,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "QuestionnaireResponses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                QuestionnaireId = table.Column<Guid>(nullable: false),
                WeekDueDate = table.Column<DateOnly>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                TemperatureCelsius = table.Column<decimal>(precision: 4, scale: 1, nullable: true),
                WeightKg = table.Column<decimal>(precision: 5, scale: 1, nullable: true),
                PatientUrgent = table.Column<bool>(nullable: false),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
                GradingTableVersion = table.Column<string>(maxLength: 32, nullable: false),
                ContentHash = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuestionnaireResponses", x => x.Id);
                table.ForeignKey(
                    name: "FK_QuestionnaireResponses_Enrollments_EnrollmentId",
                    column: x => x.EnrollmentId,
                    principalTable: "Enrollments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_QuestionnaireResponses_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_QuestionnaireResponses_Questionnaires_QuestionnaireId",
                    column: x => x.QuestionnaireId,
                    principalTable: "Questionnaires",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                EnrollmentId = table.Column<Guid>(nullable: false),
                EstablishmentId = table.Column<Guid>(nullable: false),
                ResponseId = table.Column<Guid>(nullable: true),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                Priority = table.Column<string>(maxLength: 32, nullable: false),
                Status = table.Column<string>(maxLength: 32, nullable: false),
                RaisedAt = table.Column<DateTime>(nullable: false),
                SlaDueAt = table.Column<DateTime>(nullable: false),
                WeekDueDate = table.Column<DateOnly>(nullable: false),
                ClaimedById = table.Column<Guid>(nullable: true),
                ClaimedAt = table.Column<DateTime>(nullable: true),
                FirstActionAt = table.Column<DateTime>(nullable: true),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                WorstItemKey = table.Column<string>(maxLength: 64, nullable: true),
                WorstGrade = table.Column<int>(nullable: true),
                Worsened = table.Column<bool>(nullable: false),
                RulesVersion = table.Column<string>(maxLength: 32, nullable: false),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Alerts", x => x.Id);
                table.ForeignKey(
                    name: "FK_Alerts_Enrollments_EnrollmentId",
                    column: x => x.EnrollmentId,
                    principalTable: "Enrollments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_Establishments_EstablishmentId",
                    column: x => x.EstablishmentId,
                    principalTable: "Establishments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_QuestionnaireResponses_ResponseId",
                    column: x => x.ResponseId,
                    principalTable: "QuestionnaireResponses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_StaffMembers_ClaimedById",
                    column: x => x.ClaimedById,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ItemAnswers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ItemKey = table.Column<string>(maxLength: 64, nullable: false),
                Frequency = table.Column<int>(nullable: true),
                Severity = table.Column<int>(nullable: true),
                Interference = table.Column<int>(nullable: true),
                Present = table.Column<bool>(nullable: true),
                CompositeGrade = table.Column<int>(nullable: true),
                QuestionnaireResponseId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ItemAnswers", x => x.Id);
                table.ForeignKey(
                    name: "FK_ItemAnswers_QuestionnaireResponses_QuestionnaireResponseId",
                    column: x => x.QuestionnaireResponseId,
                    principalTable: "QuestionnaireResponses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AlertFindings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Rule = table.Column<string>(maxLength: 32, nullable: false),
                ItemKey = table.Column<string>(maxLength: 64, nullable: true),
                Grade = table.Column<int>(nullable: true),
                PreviousGrade = table.Column<int>(nullable: true),
                Value = table.Column<decimal>(precision: 6, scale: 2, nullable: true),
                Priority = table.Column<string>(maxLength: 32, nullable: false),
                AlertId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertFindings", x => x.Id);
                table.ForeignKey(
                    name: "FK_AlertFindings_Alerts_AlertId",
                    column: x => x.AlertId,
                    principalTable: "Alerts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TriageActions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AlertId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                StaffMemberId = table.Column<Guid>(nullable: false),
                StaffName = table.Column<string>(maxLength: 200, nullable: false),
                StaffRole = table.Column<string>(maxLength: 32, nullable: false),
                Note = table.Column<string>(maxLength: 4000, nullable: true),
                Details = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TriageActions", x => x.Id);
                table.ForeignKey(
                    name: "FK_TriageActions_Alerts_AlertId",
                    column: x => x.AlertId,
                    principalTable: "Alerts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_TriageActions_Patients_PatientId",
                    column: x => x.PatientId,
                    principalTable: "Patients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_TriageActions_StaffMembers_StaffMemberId",
                    column: x => x.StaffMemberId,
                    principalTable: "StaffMembers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_AlertFindings_AlertId",
            table: "AlertFindings",
            column: "AlertId");

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_ClaimedById",
            table: "Alerts",
            column: "ClaimedById");

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_EnrollmentId",
            table: "Alerts",
            column: "EnrollmentId");

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_EstablishmentId_Status_Priority_SlaDueAt",
            table: "Alerts",
            columns: AlertsEstablishmentIdStatusPrioritySlaDueAtColumns);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_PatientId_RaisedAt",
            table: "Alerts",
            columns: AlertsPatientIdRaisedAtColumns);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_ResponseId",
            table: "Alerts",
            column: "ResponseId");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_PatientId_At",
            table: "AuditEntries",
            columns: AuditEntriesPatientIdAtColumns);

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_Sequence",
            table: "AuditEntries",
            column: "Sequence",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Enrollments_ConsentRecordedById",
            table: "Enrollments",
            column: "ConsentRecordedById");

        migrationBuilder.CreateIndex(
            name: "IX_Enrollments_EstablishmentId_Status",
            table: "Enrollments",
            columns: EnrollmentsEstablishmentIdStatusColumns);

        migrationBuilder.CreateIndex(
            name: "IX_Enrollments_PatientId",
            table: "Enrollments",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_Enrollments_ReferringOncologistId",
            table: "Enrollments",
            column: "ReferringOncologistId");

        migrationBuilder.CreateIndex(
            name: "IX_Establishments_Code",
            table: "Establishments",
            column: "Code",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Establishments_Finess",
            table: "Establishments",
            column: "Finess",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ExpectedLevels_EnrollmentId_ItemKey",
            table: "ExpectedLevels",
            columns: ExpectedLevelsEnrollmentIdItemKeyColumns);

        migrationBuilder.CreateIndex(
            name: "IX_ExpectedLevels_SetById",
            table: "ExpectedLevels",
            column: "SetById");

        migrationBuilder.CreateIndex(
            name: "IX_ItemAnswers_QuestionnaireResponseId_ItemKey",
            table: "ItemAnswers",
            columns: ItemAnswersQuestionnaireResponseIdItemKeyColumns,
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_PatientAccessLinks_EnrollmentId",
            table: "PatientAccessLinks",
            column: "EnrollmentId");

        migrationBuilder.CreateIndex(
            name: "IX_PatientAccessLinks_IssuedById",
            table: "PatientAccessLinks",
            column: "IssuedById");

        migrationBuilder.CreateIndex(
            name: "IX_PatientAccessLinks_TokenHash",
            table: "PatientAccessLinks",
            column: "TokenHash",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Patients_BirthFamilyName",
            table: "Patients",
            column: "BirthFamilyName");

        migrationBuilder.CreateIndex(
            name: "IX_Patients_Ins",
            table: "Patients",
            column: "Ins");

        migrationBuilder.CreateIndex(
            name: "IX_Patients_IppAuthority_Ipp",
            table: "Patients",
            columns: PatientsIppAuthorityIppColumns,
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Patients_MergedIntoPatientId",
            table: "Patients",
            column: "MergedIntoPatientId");

        migrationBuilder.CreateIndex(
            name: "IX_Patients_UsedFamilyName",
            table: "Patients",
            column: "UsedFamilyName");

        migrationBuilder.CreateIndex(
            name: "IX_QuestionnaireResponses_EnrollmentId_WeekDueDate",
            table: "QuestionnaireResponses",
            columns: QuestionnaireResponsesEnrollmentIdWeekDueDateColumns,
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_QuestionnaireResponses_PatientId",
            table: "QuestionnaireResponses",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_QuestionnaireResponses_QuestionnaireId",
            table: "QuestionnaireResponses",
            column: "QuestionnaireId");

        migrationBuilder.CreateIndex(
            name: "IX_Questionnaires_Code_Version",
            table: "Questionnaires",
            columns: QuestionnairesCodeVersionColumns,
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_StaffEstablishments_EstablishmentId",
            table: "StaffEstablishments",
            column: "EstablishmentId");

        migrationBuilder.CreateIndex(
            name: "IX_StaffMembers_Login",
            table: "StaffMembers",
            column: "Login",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_TriageActions_AlertId_At",
            table: "TriageActions",
            columns: TriageActionsAlertIdAtColumns);

        migrationBuilder.CreateIndex(
            name: "IX_TriageActions_PatientId",
            table: "TriageActions",
            column: "PatientId");

        migrationBuilder.CreateIndex(
            name: "IX_TriageActions_StaffMemberId",
            table: "TriageActions",
            column: "StaffMemberId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.DropTable(name: "TriageActions");
        migrationBuilder.DropTable(name: "AlertFindings");
        migrationBuilder.DropTable(name: "ItemAnswers");
        migrationBuilder.DropTable(name: "Alerts");
        migrationBuilder.DropTable(name: "QuestionnaireResponses");
        migrationBuilder.DropTable(name: "PatientAccessLinks");
        migrationBuilder.DropTable(name: "ExpectedLevels");
        migrationBuilder.DropTable(name: "StaffEstablishments");
        migrationBuilder.DropTable(name: "Enrollments");
        migrationBuilder.DropTable(name: "StaffMembers");
        migrationBuilder.DropTable(name: "Questionnaires");
        migrationBuilder.DropTable(name: "Patients");
        migrationBuilder.DropTable(name: "Establishments");
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
