using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>The demo GHT: three establishments, the people who sign in, and who looks after which patients.</summary>
internal sealed class DemoOrganisation
{
    private DemoOrganisation(SeedIds ids, DateTime createdAt)
    {
        Rivemont = NewEstablishment(ids.Next(createdAt), "CHU de Rivemont", DemoSeed.RivemontCode, "44099001", DemoSeed.RivemontUnitPhone);
        Vallombre = NewEstablishment(ids.Next(createdAt), "CH de Vallombre", DemoSeed.VallombreCode, "85099002", "02 61 91 00 22");
        Bellerive = NewEstablishment(ids.Next(createdAt), "Hôpital de Bellerive", DemoSeed.BelleriveCode, "44099003", "02 61 91 00 33");
        Establishments = [Rivemont, Vallombre, Bellerive];

        Martin = NewStaff(ids.Next(createdAt), DemoSeed.IpaLogin, "Claire Martin", StaffRole.Ipa, "1099900001", EstuaireTeam, Rivemont, Vallombre);
        Bernard = NewStaff(ids.Next(createdAt), DemoSeed.IdeLogin, "Julien Bernard", StaffRole.Ide, "1099900002", EstuaireTeam, Rivemont);
        Lefevre = NewStaff(ids.Next(createdAt), DemoSeed.OncologistLogin, "Dr Sophie Lefèvre", StaffRole.Oncologist, "1099900003", null, Rivemont, Vallombre);
        Roussel = NewStaff(ids.Next(createdAt), DemoSeed.AdminLogin, "Nadia Roussel", StaffRole.Admin, null, null, Rivemont, Vallombre, Bellerive);
        Petit = NewStaff(ids.Next(createdAt), DemoSeed.BelleriveNurseLogin, "Thomas Petit", StaffRole.Ide, "1099900004", BelleriveTeam, Bellerive);
        Garnier = NewStaff(ids.Next(createdAt), DemoSeed.BelleriveOncologistLogin, "Dr Marc Garnier", StaffRole.Oncologist, "1099900005", null, Bellerive);
        Staff = [Martin, Bernard, Lefevre, Roussel, Petit, Garnier];
    }

    /// <summary>Nurse team of the two sites that share an oncology day hospital.</summary>
    public const string EstuaireTeam = "Oncologie Estuaire";

    public const string BelleriveTeam = "Oncologie Bellerive";

    public Establishment Rivemont { get; }

    public Establishment Vallombre { get; }

    public Establishment Bellerive { get; }

    public IReadOnlyList<Establishment> Establishments { get; }

    public StaffMember Martin { get; }

    public StaffMember Bernard { get; }

    public StaffMember Lefevre { get; }

    public StaffMember Roussel { get; }

    public StaffMember Petit { get; }

    public StaffMember Garnier { get; }

    public IReadOnlyList<StaffMember> Staff { get; }

    /// <param name="createdAt">When the directory was filled in: the time part of the rows' keys.</param>
    public static DemoOrganisation Create(SeedIds ids, DateTime createdAt) => new(ids, createdAt);

    public string TeamOf(Establishment establishment) => establishment == Bellerive ? BelleriveTeam : EstuaireTeam;

    public StaffMember OncologistOf(Establishment establishment) => establishment == Bellerive ? Garnier : Lefevre;

    /// <summary>The nurses who triage an establishment's alerts.</summary>
    public IReadOnlyList<StaffMember> NursesOf(Establishment establishment) =>
        establishment == Rivemont ? [Martin, Bernard]
        : establishment == Vallombre ? [Martin]
        : [Petit];

    /// <param name="finessWithoutKey">Department, category and order number: eight digits; the Luhn key makes nine.</param>
    private static Establishment NewEstablishment(Guid id, string name, string code, string finessWithoutKey, string unitPhone) => new()
    {
        Id = id,
        Name = name,
        Code = code,
        Finess = DemoIdentifiers.WithLuhnKey(finessWithoutKey),
        GhtName = DemoSeed.GhtName,
        UnitPhone = unitPhone,
    };

    private static StaffMember NewStaff(
        Guid id, string login, string displayName, StaffRole role, string? rppsWithoutKey, string? team,
        params Establishment[] establishments)
    {
        return new StaffMember
        {
            Id = id,
            Login = login,
            DisplayName = displayName,
            Role = role,
            Rpps = rppsWithoutKey is null ? null : DemoIdentifiers.WithLuhnKey(rppsWithoutKey),
            Email = login + "@ght-estuaire-bocage.example",
            Team = team,
            Establishments = [.. establishments.Select(e => new StaffEstablishment { StaffMemberId = id, EstablishmentId = e.Id })],
        };
    }
}
