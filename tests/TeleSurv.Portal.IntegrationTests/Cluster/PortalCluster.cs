using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>
/// A deployment of several portal instances for tests, made of real processes: a fresh PostgreSQL database
/// (<c>TELESURV_TEST_POSTGRES</c>), <see cref="PortalNode"/>s named a, b, … on it, and a <see cref="PortalBalancer"/>
/// (HAProxy) in front. The first node applies the migrations (and loads the demo data when asked) before the others
/// start. Kill a node with <c>Nodes[i].Kill()</c> and start it again with <c>StartAsync()</c>.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await PortalCluster.StartAsync(2, seedDemoData: true, ("Oru:Enabled", "true"));
/// using var client = new HttpClient { BaseAddress = cluster.Balancer.Address };
/// cluster.Nodes[0].Kill();
/// </code>
/// </example>
public sealed class PortalCluster : IAsyncDisposable
{
    private PortalCluster(TestDatabase database, IReadOnlyList<PortalNode> nodes, PortalBalancer balancer)
    {
        Database = database;
        Nodes = nodes;
        Balancer = balancer;
    }

    public TestDatabase Database { get; }

    public IReadOnlyList<PortalNode> Nodes { get; }

    public PortalBalancer Balancer { get; }

    /// <summary>The node named <paramref name="name"/> (the value of the balancer's stickiness cookie).</summary>
    public PortalNode Node(string name) => Nodes.Single(n => n.Name == name);

    /// <param name="settings">Settings every node gets on top of <see cref="PortalNode.ForDatabase"/>.</param>
    public static async Task<PortalCluster> StartAsync(int nodeCount, bool seedDemoData, params (string Key, string? Value)[] settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, TestSchema.None);
        var nodes = new List<PortalNode>();
        try
        {
            var common = PortalNode.ForDatabase(database, settings);
            for (var i = 0; i < nodeCount; i++)
            {
                var nodeSettings = new Dictionary<string, string?>(common);
                if (i == 0 && seedDemoData)
                {
                    nodeSettings["Demo:SeedOnEmptyDatabase"] = "true";
                }

                var node = new PortalNode(((char)('a' + i)).ToString(), nodeSettings);
                nodes.Add(node);
                await node.StartAsync();
            }

            var balancer = await PortalBalancer.StartAsync(nodes);
            return new PortalCluster(database, nodes, balancer);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Balancer.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
