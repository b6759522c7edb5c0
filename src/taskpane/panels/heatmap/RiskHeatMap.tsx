/**
 * One heat map drawn in the pane: probability rows from high to low against
 * impact columns from low to high. Each cell is a button that says its count
 * and band in words (readable without colour), so it works by keyboard and
 * with a screen reader; choosing a cell lists its risks.
 */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import type { HeatMap, HeatMapCell, HeatMapGrid } from "../../../core/heatmap/model";
import { axisLayout, MAP_WIDTH } from "./axisLabels";
import { useHeatMapStyles } from "./useHeatMapStyles.styles";

export interface RiskHeatMapProps {
  map: HeatMap;
  grid: HeatMapGrid;
  /** The basis named in the caption: "Inherent" or "Residual". */
  title: string;
  chosen: HeatMapCell | null;
  onChoose: (cell: HeatMapCell) => void;
}

/** Starts with the words the cell shows (count and band), so what is seen and what is read out agree. */
function cellLabel(map: HeatMap, cell: HeatMapCell): string {
  return `${cell.count} ${cell.band.name}: ${cell.count === 1 ? "risk" : "risks"} at probability ${cell.probability} ${map.probabilityLabels[cell.probability - 1]}, impact ${cell.impact} ${map.impactLabels[cell.impact - 1]}`;
}

export function RiskHeatMap({ map, grid, title, chosen, onChoose }: RiskHeatMapProps): React.JSX.Element {
  const styles = useHeatMapStyles();
  const layout = axisLayout(map.probabilityLabels, map.impactLabels);
  return (
    <table className={styles.table} style={{ maxWidth: `${MAP_WIDTH}px` }} aria-label={`${title} heat map: probability rows from high to low, impact columns from low to high`}>
      <thead>
        <tr>
          <th scope="col" className={styles.axisHeader} style={{ width: `${layout.rowHeaderWidth}px` }}>
            P ↓ I →
          </th>
          {map.impactLabels.map((label, i) => (
            <th key={label} scope="col" className={layout.uprightColumns ? `${styles.axisHeader} ${styles.upright}` : styles.axisHeader} title={label}>
              {layout.uprightColumns ? (
                <span className={styles.uprightLabel}>
                  {i + 1} {label}
                </span>
              ) : (
                <>
                  {i + 1}
                  <br />
                  {label}
                </>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.cells.map((line) => (
          <tr key={line[0].probability}>
            <th scope="row" className={styles.rowHeader} title={map.probabilityLabels[line[0].probability - 1]}>
              {line[0].probability} {map.probabilityLabels[line[0].probability - 1]}
            </th>
            {line.map((cell) => {
              const isChosen = chosen?.probability === cell.probability && chosen.impact === cell.impact;
              return (
                <td key={cell.impact} className={styles.cell}>
                  <Button
                    appearance="outline"
                    className={isChosen ? `${styles.cellButton} ${styles.chosen}` : styles.cellButton}
                    style={{ backgroundColor: cell.band.colour, color: cell.band.textColour }}
                    aria-label={cellLabel(map, cell)}
                    aria-pressed={isChosen}
                    onClick={() => onChoose(cell)}
                  >
                    <span className={styles.count}>{cell.count}</span> <span className={styles.band}>{cell.band.name}</span>
                  </Button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
