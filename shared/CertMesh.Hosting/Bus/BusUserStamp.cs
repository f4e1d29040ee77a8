using MassTransit;

namespace CertMesh.Hosting.Bus;

/// <summary>
/// Sets RabbitMQ's <c>user_id</c> message property on everything this bus sends or publishes (requests, responses,
/// events, faults). The broker checks that property against the connection's authenticated user and closes the channel
/// (406 PRECONDITION_FAILED) when they differ, so a <c>user_id</c> on a delivered message is proven, which a header or a
/// field in the body never is. Trigger authorizes commands by it (see <see cref="BrokerVerifiedUserExtensions"/>).
/// </summary>
/// <remarks>
/// Depends on MassTransit.RabbitMQ only, so projects that act as a user of CertMesh (the integration and fault suites'
/// callers, the bench) link this file instead of referencing CertMesh.Hosting.
/// </remarks>
public static class BusUserStamp
{
    /// <param name="user">The RabbitMQ user the bus connects as: any other value gets its channel closed.</param>
    public static void StampUserId(this IRabbitMqBusFactoryConfigurator configurator, string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        // Sends (requests, responses, the outbox's replies) run the send pipe and publishes the publish pipe; both
        // carry the transport's RabbitMqSendContext as a payload. Stamping twice is harmless.
        configurator.ConfigureSend(send => send.UseExecute(context => Stamp(context, user)));
        configurator.ConfigurePublish(publish => publish.UseExecute(context => Stamp(context, user)));
    }

    static void Stamp(PipeContext context, string user)
    {
        if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
            rabbit.BasicProperties.UserId = user;
    }
}
