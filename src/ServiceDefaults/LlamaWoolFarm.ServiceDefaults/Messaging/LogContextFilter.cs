using System.Diagnostics;
using System.Linq.Expressions;
using MassTransit;
using SerilogContext = Serilog.Context.LogContext;

namespace LlamaWoolFarm.ServiceDefaults.Messaging;

/// <summary>
/// Puts the consumed message's <c>CommandId</c> and <c>PlayerId</c> (when it has them) on every log line written
/// while it is consumed, and on the consume span, so one command can be followed through every process's logs
/// and traces by the id the gateway returned.
/// </summary>
public sealed class LogContextFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var commandId = MessageIds<T>.CommandId?.Invoke(context.Message);
        var playerId = MessageIds<T>.PlayerId?.Invoke(context.Message);
        if (commandId is not null)
        {
            Activity.Current?.SetTag("lwf.command_id", commandId.Value.ToString());
        }

        if (playerId is not null)
        {
            Activity.Current?.SetTag("lwf.player_id", playerId.Value.ToString());
        }

        using (commandId is null ? null : SerilogContext.PushProperty("CommandId", commandId.Value))
        using (playerId is null ? null : SerilogContext.PushProperty("PlayerId", playerId.Value))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("logContext");

    // Property getters compiled once per message type; messages without the property get null.
    private static class MessageIds<TMessage>
    {
        public static readonly Func<TMessage, Guid?>? CommandId = Getter(nameof(CommandId));

        public static readonly Func<TMessage, Guid?>? PlayerId = Getter(nameof(PlayerId));

        private static Func<TMessage, Guid?>? Getter(string name)
        {
            var property = typeof(TMessage).GetProperty(name);
            if (property is null || (property.PropertyType != typeof(Guid) && property.PropertyType != typeof(Guid?)))
            {
                return null;
            }

            var message = Expression.Parameter(typeof(TMessage), "message");
            var body = Expression.Convert(Expression.Property(message, property), typeof(Guid?));
            return Expression.Lambda<Func<TMessage, Guid?>>(body, message).Compile();
        }
    }
}
