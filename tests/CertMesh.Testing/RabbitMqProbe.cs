using RabbitMQ.Client;

namespace CertMesh.Testing;

/// <summary>
/// Connects to the test vhost once before anything starts a bus, so a missing server or vhost fails at once with a
/// clear message instead of a bus (or a service) that retries until its timeout.
/// </summary>
public static class RabbitMqProbe
{
    public static async Task EnsureReachableAsync(string clientName)
    {
        var uri = TestEnvironment.RabbitMq;
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var factory = new ConnectionFactory
        {
            HostName = uri.Host,
            Port = uri.IsDefaultPort ? 5672 : uri.Port,
            VirtualHost = vhost.Length == 0 ? "/" : vhost,
            UserName = TestEnvironment.RabbitMqUser,
            Password = TestEnvironment.RabbitMqPassword,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(clientName + "-probe");
            // RabbitMQ.Client 7 returns the connection before the broker has refused the vhost; a channel surfaces it.
            await using var channel = await connection.CreateChannelAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not usable at {uri} (CERTMESH_TEST_RABBITMQ, vhost '{factory.VirtualHost}'): {exception.Message}. " +
                "These tests need the real server and the test vhost: start them with tests/run.sh or deploy/local/infra-up.sh.", exception);
        }
    }
}
