using CertMesh.Contracts;
using CertMesh.Faults.Tests.Support;
using MassTransit;

namespace CertMesh.Faults.Tests.Limits;

/// <summary>
/// The broker as the stack runs it refuses a message over 4 MiB at publish time (max_message_size), so no consumer
/// ever deserializes an unbounded body; a command just under the Api's own limits still goes through.
/// </summary>
[Collection(FaultStackCollection.Name)]
public sealed class BrokerLimitTests(FaultStack stack)
{
    const string Namespace = "faults-limits";

    [Fact]
    public async Task Publish_IssueCertificateOver4MiB_RefusedByTheBrokerAndNothingStored()
    {
        var huge = FaultStack.Issue(Namespace, "huge") with
        {
            Annotations = new Dictionary<string, string> { ["example.test/padding"] = new string('x', 5 * 1024 * 1024) },
        };

        var publish = stack.Bus.Publish(huge).WaitAsync(TimeSpan.FromSeconds(10));

        // The broker closes the publishing channel; RabbitMQ.Client then either fails the publish or never confirms it.
        await Assert.ThrowsAnyAsync<Exception>(() => publish);
        var brokerLog = await File.ReadAllTextAsync(Path.Combine(stack.Servers.StateDirectory, "logs", "rabbitmq.log"));
        Assert.Matches("message size [0-9]+ is larger than configured max size 4194304", brokerLog);
        var marker = await stack.Caller.AskAsync(FaultStack.Issue(Namespace, "after-huge"), TimeSpan.FromSeconds(60));
        Assert.Equal(Answer.Accepted, marker);
        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM resources WHERE namespace = @ns AND name = 'huge'", Namespace));
    }
}
