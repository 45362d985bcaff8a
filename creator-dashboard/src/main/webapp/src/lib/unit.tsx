import { createContext, ReactNode, useContext, useState } from 'react';
import { Platform } from './types';
import { resolveUnit, Unit, UnitChoice } from './format';

const KEY = 'sc.unit';

interface UnitState {
  choice: UnitChoice;
  setChoice: (choice: UnitChoice) => void;
}

const UnitContext = createContext<UnitState>({ choice: 'auto', setChoice: () => {} });

export function UnitProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<UnitChoice>(() => (localStorage.getItem(KEY) as UnitChoice) || 'auto');
  const setChoice = (next: UnitChoice) => {
    localStorage.setItem(KEY, next);
    setChoiceState(next);
  };
  return <UnitContext.Provider value={{ choice, setChoice }}>{children}</UnitContext.Provider>;
}

export function useUnitChoice(): UnitState {
  return useContext(UnitContext);
}

/** The unit amounts are shown and typed in, for a session on `platform` (or the creator's default). */
export function useUnit(platform?: Platform | null): Unit {
  return resolveUnit(useContext(UnitContext).choice, platform);
}
