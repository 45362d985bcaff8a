package io.streamingcompanion.gateway;

import io.quarkus.websockets.next.WebSocketConnection;
import java.lang.reflect.Proxy;

/** Connections for plain unit tests of the gateway's registries, where only a connection's identity matters. */
public final class FakeConnections {

    private FakeConnections() {
    }

    public static WebSocketConnection connection(String id) {
        return (WebSocketConnection) Proxy.newProxyInstance(FakeConnections.class.getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "isOpen" -> true;
                    case "isClosed" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "connection " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
