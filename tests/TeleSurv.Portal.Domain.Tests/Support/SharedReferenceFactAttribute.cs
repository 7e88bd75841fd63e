namespace TeleSurv.Portal.Domain.Tests.Support;

/// <summary>A fact that needs the shared reference folder; reported as skipped, not passed, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedReferenceFactAttribute : FactAttribute
{
    public SharedReferenceFactAttribute()
    {
        if (RepositoryFiles.SharedClinical is null)
        {
            Skip = "The shared reference folder (../shared/clinical) is not beside the repository.";
        }
    }
}
