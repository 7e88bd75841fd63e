using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>One CTCAE grade: its short name and the general definition clinicians confirm a symptom against.</summary>
public sealed record CtcaeGrade(int Grade, LocalizedText Name, LocalizedText Definition);

/// <summary>
/// The general grade definitions of CTCAE v5.0 (NCI, 27 November 2017), shown beside the grade a nurse confirms.
/// The French wording follows the French translation of CTCAE in use in French cancer centres. ADL: activities of
/// daily living ("AVQ", activités de la vie quotidienne).
/// </summary>
public static class CtcaeGrades
{
    public const string Version = "CTCAE v5.0";

    public const int MinGrade = 1;

    public const int MaxGrade = 5;

    public static IReadOnlyList<CtcaeGrade> All { get; } =
    [
        new(1,
            new("Léger", "Mild"),
            new("Léger ; asymptomatique ou symptômes légers ; diagnostic à l'examen clinique uniquement ; ne nécessitant pas de traitement.",
                "Mild; asymptomatic or mild symptoms; clinical or diagnostic observations only; intervention not indicated.")),
        new(2,
            new("Modéré", "Moderate"),
            new("Modéré ; nécessitant un traitement minimal, local ou non invasif ; interférant avec les activités instrumentales de la vie quotidienne.",
                "Moderate; minimal, local or noninvasive intervention indicated; limiting age-appropriate instrumental ADL.")),
        new(3,
            new("Sévère", "Severe"),
            new("Sévère ou médicalement significatif mais sans mise en jeu immédiate du pronostic vital ; indication d'hospitalisation ou de prolongation d'hospitalisation ; invalidant ; interférant avec les activités élémentaires de la vie quotidienne.",
                "Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of hospitalization indicated; disabling; limiting self care ADL.")),
        new(4,
            new("Menace du pronostic vital", "Life-threatening"),
            new("Mise en jeu du pronostic vital ; nécessitant une prise en charge en urgence.",
                "Life-threatening consequences; urgent intervention indicated.")),
        new(5,
            new("Décès", "Death"),
            new("Décès lié à l'événement indésirable.",
                "Death related to adverse event.")),
    ];

    public static bool IsValid(int grade) => grade is >= MinGrade and <= MaxGrade;

    /// <exception cref="ArgumentOutOfRangeException">The grade is not 1 to 5.</exception>
    public static CtcaeGrade Get(int grade) =>
        IsValid(grade) ? All[grade - 1] : throw new ArgumentOutOfRangeException(nameof(grade), grade, "A CTCAE grade is 1 to 5.");
}
