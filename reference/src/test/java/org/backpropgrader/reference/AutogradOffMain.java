package org.backpropgrader.reference;

/**
 * Run by {@link AutogradOffTest} in a child JVM started with {@code -Dbackprop.autograd=off}: prints what
 * {@link Autograd#gradients} does there and exits 0 only if it threw {@link IllegalStateException}.
 */
public final class AutogradOffMain {
    private AutogradOffMain() {}

    public static void main(String[] args) {
        System.out.println("enabled=" + Autograd.isEnabled());
        Tensor x = Tensor.of(new int[] {2}, 1, 2);
        Tensor loss = x.mul(x).sum();
        try {
            Autograd.gradients(loss, x);
            System.out.println("gradients returned");
            System.exit(1);
        } catch (IllegalStateException e) {
            System.out.println("message=" + e.getMessage());
            System.exit(0);
        }
    }
}
