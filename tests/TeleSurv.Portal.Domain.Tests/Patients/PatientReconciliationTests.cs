using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Domain.Tests.Patients;

public sealed class PatientReconciliationTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Received = new(2026, 3, 5, 14, 0, 0, DateTimeKind.Utc);

    private static readonly PatientIdentity Typed = new()
    {
        Ipp = "10482913",
        IppAuthority = "CHRIV",
        Ins = "255017512345678",
        InsOid = InsOids.Nir,
        IdentityStatus = IdentityStatus.Qualified,
        BirthFamilyName = "ROUSSEAU",
        FirstNames = "Helene",
        BirthDate = new DateOnly(1955, 1, 20),
        Sex = Sex.Female,
    };

    private static readonly PatientIdentity FromAdt = Typed with
    {
        IdentityStatus = IdentityStatus.Qualified,
        FirstNames = "Hélène Marie",
        UsedFamilyName = "MARTIN",
        BirthplaceCode = "75115",
    };

    [Fact]
    public void A_patient_typed_in_by_hand_is_manual_and_provisional_whatever_was_typed()
    {
        var patient = Patient.CreateProvisional(Typed, Created);

        Assert.Equal((PatientSource.Manual, IdentityStatus.Provisional), (patient.Source, patient.IdentityStatus));
        Assert.Equal(("10482913", "CHRIV", "255017512345678"), (patient.Ipp, patient.IppAuthority, patient.Ins));
        Assert.Equal((Created, Created), (patient.CreatedAt, patient.UpdatedAt));
        Assert.False(patient.HasQualifiedIns);
    }

    [Fact]
    public void The_same_ipp_of_the_same_authority_and_birth_date_is_the_same_person()
    {
        var patient = Patient.CreateProvisional(Typed with { Ins = null }, Created);
        var id = patient.Id;

        var outcome = patient.ReconcileWith(FromAdt, Received);

        Assert.Equal(ReconciliationOutcome.SameIpp, outcome);
        Assert.Equal(id, patient.Id);
        Assert.Equal((PatientSource.Adt, IdentityStatus.Qualified, "Hélène Marie", "MARTIN", "75115", "255017512345678"),
            (patient.Source, patient.IdentityStatus, patient.FirstNames, patient.UsedFamilyName, patient.BirthplaceCode, patient.Ins));
        Assert.Equal((Created, Received), (patient.CreatedAt, patient.UpdatedAt));
    }

    [Fact]
    public void The_same_ins_with_another_ipp_is_the_same_person_and_takes_the_hospital_s_ipp()
    {
        var patient = Patient.CreateProvisional(Typed with { Ipp = "TEMP-1" }, Created);

        var outcome = patient.ReconcileWith(FromAdt, Received);

        Assert.Equal(ReconciliationOutcome.SameIns, outcome);
        Assert.Equal("10482913", patient.Ipp);
    }

    [Theory]
    [InlineData("same IPP, other authority")]
    [InlineData("other IPP, no INS")]
    [InlineData("other IPP, other INS")]
    public void Another_identifier_is_another_person(string change)
    {
        var typed = change switch
        {
            "same IPP, other authority" => Typed with { IppAuthority = "CHVAL", Ins = null },
            "other IPP, no INS" => Typed with { Ipp = "999", Ins = null },
            _ => Typed with { Ipp = "999", Ins = "155017512345678" },
        };

        Assert.Equal(ReconciliationOutcome.NoMatch, PatientReconciliation.Match(Patient.CreateProvisional(typed, Created), FromAdt));
    }

    [Theory]
    [InlineData("same IPP, other birth date")]
    [InlineData("same INS, other birth date")]
    [InlineData("same IPP, other INS")]
    public void An_identifier_contradicted_by_a_trait_is_left_to_identitovigilance(string change)
    {
        var typed = change switch
        {
            "same IPP, other birth date" => Typed with { Ins = null, BirthDate = new DateOnly(1955, 1, 21) },
            "same INS, other birth date" => Typed with { Ipp = "999", BirthDate = new DateOnly(1956, 1, 20) },
            _ => Typed with { Ins = "155017512345678" },
        };
        var patient = Patient.CreateProvisional(typed, Created);

        Assert.Equal(ReconciliationOutcome.Conflict, PatientReconciliation.Match(patient, FromAdt));
        Assert.Throws<InvalidOperationException>(() => patient.ReconcileWith(FromAdt, Received));
        Assert.Equal(PatientSource.Manual, patient.Source);
    }

    [Fact]
    public void Only_manual_unmerged_records_are_reconciled()
    {
        var fromAdt = Patient.CreateProvisional(Typed, Created);
        fromAdt.Source = PatientSource.Adt;
        var merged = Patient.CreateProvisional(Typed, Created);
        merged.MergedIntoPatientId = Guid.CreateVersion7();

        Assert.Equal(ReconciliationOutcome.NoMatch, PatientReconciliation.Match(fromAdt, FromAdt));
        Assert.Equal(ReconciliationOutcome.NoMatch, PatientReconciliation.Match(merged, FromAdt));
    }

    [Fact]
    public void Two_records_matching_one_identity_are_a_conflict_not_a_pick()
    {
        var byIpp = Patient.CreateProvisional(Typed with { Ins = null }, Created);
        var byIns = Patient.CreateProvisional(Typed with { Ipp = "TEMP-2" }, Created);
        var unrelated = Patient.CreateProvisional(Typed with { Ipp = "777", Ins = null }, Created);

        Assert.Equal((ReconciliationOutcome.SameIpp, byIpp), PatientReconciliation.FindMatch([byIpp, unrelated], FromAdt));
        Assert.Equal((ReconciliationOutcome.Conflict, (Patient?)null), PatientReconciliation.FindMatch([byIpp, byIns], FromAdt));
        Assert.Equal((ReconciliationOutcome.NoMatch, (Patient?)null), PatientReconciliation.FindMatch([unrelated], FromAdt));
    }
}
