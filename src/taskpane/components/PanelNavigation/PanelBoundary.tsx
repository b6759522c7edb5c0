import * as React from "react";
import { ErrorMessage } from "../ErrorMessage";

export interface PanelBoundaryProps {
  /** The panel's name, for the message: "Checks". */
  label: string;
  children?: React.ReactNode;
}

/**
 * Keeps a panel that fails (its code did not arrive, or it threw while
 * drawing) from taking the whole pane down: the message names the panel and
 * the navigation still works, so another panel can be opened.
 */
export class PanelBoundary extends React.Component<PanelBoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: undefined as unknown, failed: false };

  static getDerivedStateFromError(error: unknown): { error: unknown; failed: boolean } {
    return { error, failed: true };
  }

  override render(): React.ReactNode {
    if (this.state.failed) return <ErrorMessage error={this.state.error} doing={`open ${this.props.label}`} />;
    return this.props.children;
  }
}
