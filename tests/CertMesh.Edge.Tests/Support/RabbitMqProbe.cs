using RabbitMQ.Client;

namespace CertMesh.Edge.Tests.Support;

/// <summary>Connects to the test vhost once, so a missing server fails at once with a clear message instead of an Edge that never gets healthy.</summary>
internal static class RabbitMqProbe
{
    public static async Task EnsureReachableAsync()
    {
        var uri = TestEnvironment.RabbitMq;
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var factory = new ConnectionFactory
        {
            HostName = uri.Host,
            Port = uri.IsDefaultPort ? 5672 : uri.Port,
            VirtualHost = vhost.Length == 0 ? "/" : vhost,
            UserName = "guest",
            Password = "guest",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync("certmesh-edge-tests-probe");
            await using var channel = await connection.CreateChannelAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not usable at {uri} (CERTMESH_TEST_RABBITMQ, vhost '{factory.VirtualHost}'): {exception.Message}. " +
                "These tests need the real server and the test vhost: start them with deploy/local/infra-up.sh.", exception);
        }
    }
}
