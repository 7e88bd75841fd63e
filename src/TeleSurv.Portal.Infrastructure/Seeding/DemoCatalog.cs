using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>The word lists the demo data draws from: fictitious people, real-looking treatments, clinicians' notes.</summary>
internal static class DemoCatalog
{
    public static readonly string[] FamilyNames =
    [
        "Rousseau", "Ménard", "Lemaître", "Guérin", "Thébault", "Bérenger", "Prévost", "Chevalier", "Fontaine",
        "Mercier", "Boucher", "Gauthier", "Hervé", "Brossard", "Pelletier", "Le Goff", "Le Gall", "Gicquel",
        "Tessier", "Bouvier", "Marchand", "Renaud", "Barbier", "Aubert", "Poirier", "Besnard", "Cochard", "Dupré",
        "Després", "Lévêque", "Jégou", "Daniélou", "Hélias", "Lecœur", "Gaborit", "Rabiller", "Soulard",
        "Chauvière", "Bréhier", "Caillé", "Joubert", "Moreau", "Morin", "Girard", "Blanchard", "Robin", "Lamy",
        "Perrot", "Carré", "Lebreton", "Bérard", "Évrard", "Guillemot", "Oger", "Rivière", "Béranger", "Nicolaï",
        "Le Floc'h", "Saint-Jalmes", "Quéré",
    ];

    public static readonly string[] FemaleFirstNames =
    [
        "Hélène", "Françoise", "Monique", "Geneviève", "Thérèse", "Josiane", "Brigitte", "Élisabeth", "Martine",
        "Sylvie", "Nathalie", "Valérie", "Isabelle", "Christiane", "Danièle", "Jocelyne", "Annick", "Maryvonne",
        "Noëlle", "Agnès", "Céline", "Émilie", "Sandrine", "Gaëlle", "Anaïs", "Mélanie", "Solène", "Armelle",
        "Bénédicte", "Odile",
    ];

    public static readonly string[] MaleFirstNames =
    [
        "Jérôme", "Gérard", "Bernard", "Jean-Pierre", "Joël", "Noël", "Hervé", "Loïc", "Benoît", "René", "André",
        "Michel", "Gilles", "Patrick", "Stéphane", "Frédéric", "Sébastien", "Cédric", "Jérémie", "Raphaël",
        "Aurélien", "Yannick", "Gaël", "Mickaël", "Rémi", "Thierry", "Pascal", "Dominique", "François", "Léon",
    ];

    /// <summary>Second and third first names, as written on identity documents.</summary>
    public static readonly string[] FemaleMiddleNames = ["Marie", "Anne", "Jeanne", "Louise", "Josèphe", "Thérèse"];

    public static readonly string[] MaleMiddleNames = ["Jean", "Pierre", "Louis", "Marie", "Joseph", "André"];

    /// <summary>INSEE codes of birthplaces: mostly the west of France, a few elsewhere, some abroad (99 + country).</summary>
    public static readonly string[] BirthplaceCodes =
    [
        "44109", "44109", "44184", "44162", "85191", "85191", "85194", "49007", "49328", "35238", "56260", "72181",
        "53130", "29019", "79191", "17300", "75115", "75112", "69383", "59350", "33063", "14118", "99350", "99139",
        "99134",
    ];

    /// <summary>Fictitious streets; the town is the patient's establishment's.</summary>
    public static readonly string[] Streets =
    [
        "rue des Tanneurs", "chemin de la Noë", "rue du Port", "allée des Tilleuls", "impasse des Lavandières",
        "route de la Lande", "rue de l'Écluse", "place du Marché", "rue des Forges", "chemin du Moulin",
        "rue Pasteur", "boulevard de l'Estuaire",
    ];

    public static readonly RegimenChoice[] Regimens =
    [
        new(TreatmentType.IvChemotherapy, "FOLFOX (J1=J15)", Cytotoxic: true, CycleWeeks: 2, Neuropathy: true),
        new(TreatmentType.IvChemotherapy, "FOLFIRI (J1=J15)", Cytotoxic: true, CycleWeeks: 2),
        new(TreatmentType.IvChemotherapy, "Carboplatine-paclitaxel (J1=J21)", Cytotoxic: true, CycleWeeks: 3, Neuropathy: true),
        new(TreatmentType.IvChemotherapy, "EC 90 puis paclitaxel hebdomadaire", Cytotoxic: true, CycleWeeks: 3, Neuropathy: true),
        new(TreatmentType.IvChemotherapy, "Gemcitabine (J1, J8, J15 = J28)", Cytotoxic: true, CycleWeeks: 4),
        new(TreatmentType.IvChemotherapy, "Docétaxel (J1=J21)", Cytotoxic: true, CycleWeeks: 3, Neuropathy: true),
        new(TreatmentType.Combined, "Carboplatine-pémétrexed-pembrolizumab (J1=J21)", Cytotoxic: true, CycleWeeks: 3, ImmuneRelated: true),
        new(TreatmentType.Combined, "FOLFOX-bévacizumab (J1=J15)", Cytotoxic: true, CycleWeeks: 2, Neuropathy: true),
        new(TreatmentType.Combined, "Paclitaxel-trastuzumab-pertuzumab", Cytotoxic: true, CycleWeeks: 3, Neuropathy: true),
        new(TreatmentType.OralTherapy, "Capécitabine 1 250 mg/m² x2/j J1-J14 (J1=J21)", Cytotoxic: true, CycleWeeks: 3, HandFoot: true),
        new(TreatmentType.OralTherapy, "Témozolomide J1-J5 (J1=J28)", Cytotoxic: true, CycleWeeks: 4),
        new(TreatmentType.Immunotherapy, "Pembrolizumab 200 mg (J1=J21)", ImmuneRelated: true),
        new(TreatmentType.Immunotherapy, "Nivolumab 480 mg (J1=J28)", ImmuneRelated: true),
        new(TreatmentType.Immunotherapy, "Atézolizumab 1 200 mg (J1=J21)", ImmuneRelated: true),
        new(TreatmentType.Immunotherapy, "Durvalumab 1 500 mg (J1=J28)", ImmuneRelated: true),
        new(TreatmentType.TargetedTherapy, "Osimertinib 80 mg/j", Skin: true),
        new(TreatmentType.TargetedTherapy, "Sunitinib 50 mg/j (4 sem./6)", HandFoot: true),
        new(TreatmentType.TargetedTherapy, "Cabozantinib 60 mg/j", HandFoot: true),
        new(TreatmentType.TargetedTherapy, "Palbociclib + létrozole"),
        new(TreatmentType.HormoneTherapy, "Létrozole 2,5 mg/j"),
        new(TreatmentType.HormoneTherapy, "Enzalutamide 160 mg/j"),
        new(TreatmentType.HormoneTherapy, "Abiratérone-prednisone"),
    ];

    public static readonly string[] Comments =
    [
        "Un peu plus fatigué(e) que la semaine dernière.",
        "Nausées surtout les deux jours après la cure.",
        "J'ai mal dormi cette semaine.",
        "Le traitement contre les nausées me soulage bien.",
        "Fourmillements dans les doigts quand il fait froid.",
        "Je n'ai pas beaucoup d'appétit.",
        "Semaine plutôt bonne, j'ai pu marcher tous les jours.",
        "Les mains sont rouges et me brûlent un peu.",
        "Toux sèche depuis quelques jours.",
        "Je me suis senti(e) fiévreux(se) hier soir.",
    ];

    /// <summary>What the nurses write after a call, by the rule that fired.</summary>
    public static readonly string[] CallNotes =
    [
        "Patient(e) joint(e). Symptômes confirmés, tolérables à domicile. Conseils redonnés.",
        "Appel au domicile : situation stable, pas de signe de gravité.",
        "Échange avec l'aidant présent au domicile, symptômes en amélioration depuis la veille.",
        "Patient(e) joint(e), rassuré(e). Surveillance renforcée jusqu'à la prochaine cure.",
    ];

    public static readonly string[] NotReachedNotes =
    [
        "Pas de réponse, message laissé sur le répondeur.",
        "Numéro occupé à deux reprises, nouvel essai prévu.",
    ];

    public static readonly string[] AdviceNotes =
    [
        "Hydratation 1,5 L/j, fractionner les repas, antiémétique selon l'ordonnance.",
        "Lopéramide selon l'ordonnance, réhydratation, rappeler si plus de 6 selles par jour.",
        "Crème émolliente matin et soir, éviter l'eau chaude et les frottements.",
        "Bains de bouche au bicarbonate 4 à 6 fois par jour, alimentation mixée.",
        "Paracétamol 1 g si douleur, 4 g/j au maximum ; rappeler si la douleur persiste.",
        "Repos, activité physique douce ; réévaluation à la prochaine consultation.",
    ];

    public static readonly string[] MissedCallNotes =
    [
        "Oubli du questionnaire, patient(e) joint(e) : semaine sans particularité.",
        "Patient(e) hospitalisé(e) brièvement pour un autre motif, reprise du suivi la semaine prochaine.",
        "Difficulté de connexion au lien, questionnaire rempli avec l'infirmière au téléphone.",
    ];

    public static readonly string[] EscalationQuestions =
    [
        "Diarrhées grade 3 malgré le lopéramide depuis 48 h : faut-il suspendre le traitement et prévoir un bilan ?",
        "Dyspnée d'aggravation progressive sous immunothérapie : consultation anticipée ou scanner ?",
        "Neuropathie qui gêne la marche : adaptation de dose de l'oxaliplatine avant la prochaine cure ?",
        "Syndrome main-pied grade 3 : poursuite du traitement à dose réduite ou pause ?",
    ];

    public const string ConsentInformation =
        "Information orale et remise de la notice du programme de télésurveillance : questionnaire hebdomadaire de "
        + "symptômes (PRO-CTCAE), lecture des réponses par l'équipe infirmière aux jours et heures ouvrés, "
        + "rappel téléphonique en cas d'alerte, données hébergées chez un hébergeur certifié HDS, droit d'accès et "
        + "de retrait à tout moment. Ce service n'est pas un service d'urgence : en cas d'urgence, appeler le 15 (SAMU).";
}

/// <summary>A treatment as prescribed, with what it tends to cause.</summary>
internal sealed record RegimenChoice(
    TreatmentType Treatment,
    string Regimen,
    bool Cytotoxic = false,
    int CycleWeeks = 0,
    bool Neuropathy = false,
    bool HandFoot = false,
    bool ImmuneRelated = false,
    bool Skin = false);
