package p;

import java.util.List;

public class Modern {
    enum Color { RED, GREEN }
    sealed interface Shape permits Circle, Square {}
    record Circle(double r) implements Shape {}
    record Square(double s) implements Shape {}
    sealed interface Thing permits Color2, Box {}
    enum Color2 implements Thing { BLUE, PINK }
    record Box(Object o) implements Thing {}

    static double area(Shape s) {
        return switch (s) {
            case Circle c when c.r() > 10 -> 0;
            case Circle(double r) -> Math.PI * r * r;
            case Square sq -> sq.s() * sq.s();
        };
    }

    static String name(Object o) {
        return switch (o) {
            case null -> "null";
            case Color c when c == Color.RED -> "red";
            case Color c -> "color " + c;
            case Integer i -> "int " + i;
            case String s -> s;
            default -> o.toString();
        };
    }

    static String thing(Thing t) {
        return switch (t) {
            case Color2.BLUE -> "blue";
            case Color2.PINK -> "pink";
            case Box(String s) -> s;
            case Box b -> "box";
        };
    }

    static String color(Color c) {
        return switch (c) { case RED -> "r"; case GREEN -> "g"; };
    }

    static int sum(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).sum();
    }
}
