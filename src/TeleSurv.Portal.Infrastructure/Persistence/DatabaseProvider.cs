namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>Database engines the portal runs on, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded file database, the default: nothing to install.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL server, for a shared deployment.</summary>
    Postgres = 1,

    /// <summary>Microsoft SQL Server (2019 or later) or Azure SQL, where the hospital runs it.</summary>
    SqlServer = 2,
}
